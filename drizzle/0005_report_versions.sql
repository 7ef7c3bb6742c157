CREATE TABLE `report_version` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`name` text NOT NULL,
	`state` blob NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_version_review_idx` ON `report_version` (`review_id`,`created_at`);