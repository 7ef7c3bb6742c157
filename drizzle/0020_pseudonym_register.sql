CREATE TABLE `anonymisation_dismissal` (
	`review_id` text NOT NULL,
	`occurrence_key` text NOT NULL,
	`kind` text NOT NULL,
	`section_key` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`review_id`, `occurrence_key`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pseudonym_entry` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`real` text NOT NULL,
	`pseudonym` text NOT NULL,
	`kind` text NOT NULL,
	`aliases` text NOT NULL,
	`choice` text,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pseudonym_entry_review_idx` ON `pseudonym_entry` (`review_id`);