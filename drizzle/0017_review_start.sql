CREATE TABLE `document_link` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`file_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`linked_by` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `review_file`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_link_target_idx` ON `document_link` (`review_id`,`kind`,`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_link_unique` ON `document_link` (`file_id`,`kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `early_learning` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`learning` text NOT NULL,
	`action_taken` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `early_learning_review_idx` ON `early_learning` (`review_id`);--> statement-breakpoint
CREATE TABLE `enquiry_answer` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`line_id` text NOT NULL,
	`section_key` text NOT NULL,
	`passage_text` text NOT NULL,
	`linked_by` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enquiry_answer_review_idx` ON `enquiry_answer` (`review_id`,`line_id`);--> statement-breakpoint
CREATE TABLE `review_decision` (
	`review_id` text PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`reasons` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_on` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_notification` (
	`review_id` text PRIMARY KEY NOT NULL,
	`review_type` text NOT NULL,
	`notified_by` text NOT NULL,
	`summary` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `terms_agreement` (
	`review_id` text PRIMARY KEY NOT NULL,
	`agreed_on` text NOT NULL,
	`meeting` text NOT NULL,
	`state` blob NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
