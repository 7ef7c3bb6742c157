CREATE TABLE `action_plan` (
	`review_id` text PRIMARY KEY NOT NULL,
	`concluded_at` integer,
	`concluded_by` text,
	`conclusion_note` text,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`concluded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plan_action` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`recommendation_id` text NOT NULL,
	`text` text NOT NULL,
	`lead_agency_id` text NOT NULL,
	`owner_user_id` text,
	`milestones` text DEFAULT '' NOT NULL,
	`target_date` text,
	`evidence_plan` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_action_review_idx` ON `plan_action` (`review_id`,`recommendation_id`);--> statement-breakpoint
CREATE TABLE `plan_action_update` (
	`id` text PRIMARY KEY NOT NULL,
	`action_id` text NOT NULL,
	`review_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`evidence_text` text DEFAULT '' NOT NULL,
	`evidence_file_id` text,
	`by_user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `plan_action`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evidence_file_id`) REFERENCES `review_file`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_action_update_action_idx` ON `plan_action_update` (`action_id`);--> statement-breakpoint
CREATE TABLE `plan_recommendation` (
	`review_id` text NOT NULL,
	`recommendation_id` text NOT NULL,
	`scope` text NOT NULL,
	`lead_agency_id` text,
	`addressed_to` text DEFAULT '' NOT NULL,
	`theme` text DEFAULT '' NOT NULL,
	`last_text` text DEFAULT '' NOT NULL,
	`reply` text,
	`reply_recorded_at` integer,
	`reply_recorded_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `recommendation_id`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reply_recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `recurrence_decision` (
	`key` text PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
