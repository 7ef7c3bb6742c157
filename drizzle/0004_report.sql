CREATE TABLE `language_dismissal` (
	`review_id` text NOT NULL,
	`occurrence_key` text NOT NULL,
	`term_id` text NOT NULL,
	`section_key` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`review_id`, `occurrence_key`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `language_term` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`phrase` text NOT NULL,
	`why` text NOT NULL,
	`suggestion` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `language_term_review_idx` ON `language_term` (`review_id`);--> statement-breakpoint
CREATE TABLE `report_section` (
	`review_id` text NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`part` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`review_id`, `key`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade
);
