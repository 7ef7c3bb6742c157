CREATE TABLE `family_comment` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`share_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`share_id`) REFERENCES `family_share`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `family_comment_review` ON `family_comment` (`review_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `family_contact` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`contact_date` text NOT NULL,
	`through` text NOT NULL,
	`summary` text NOT NULL,
	`publication` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `family_contact_review` ON `family_contact` (`review_id`,`contact_date`);--> statement-breakpoint
CREATE TABLE `family_share` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`version_id` text NOT NULL,
	`shared_by` text NOT NULL,
	`shared_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `report_version`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shared_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `family_share_version` ON `family_share` (`review_id`,`version_id`);