CREATE TABLE `glossary_term` (
	`review_id` text NOT NULL,
	`abbreviation` text NOT NULL,
	`expansion` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `abbreviation`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `publication_export` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`document` text NOT NULL,
	`format` text NOT NULL,
	`edition` text NOT NULL,
	`version_id` text,
	`version_name` text,
	`sha256` text NOT NULL,
	`byte_size` integer NOT NULL,
	`exported_by` text NOT NULL,
	`exported_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exported_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publication_export_review_idx` ON `publication_export` (`review_id`,`exported_at`);--> statement-breakpoint
CREATE TABLE `qa_item` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`text` text NOT NULL,
	`section_key` text,
	`done_at` integer,
	`done_by` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`done_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_item_review_idx` ON `qa_item` (`review_id`);--> statement-breakpoint
CREATE TABLE `readiness_attestation` (
	`review_id` text NOT NULL,
	`check_key` text NOT NULL,
	`note` text NOT NULL,
	`attested_by` text NOT NULL,
	`attested_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `check_key`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attested_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `submission_step` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_on` text NOT NULL,
	`export_id` text,
	`file_id` text,
	`web_address` text,
	`published_until` text,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`export_id`) REFERENCES `publication_export`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `review_file`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_step_review_idx` ON `submission_step` (`review_id`,`occurred_on`);