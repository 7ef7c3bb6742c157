CREATE TABLE `event_contribution` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`author_id` text NOT NULL,
	`unnamed` integer NOT NULL,
	`prompt` text NOT NULL,
	`episode_id` text,
	`body` text NOT NULL,
	`timing` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `learning_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_contribution_event` ON `event_contribution` (`event_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `event_invitation` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`name` text NOT NULL,
	`role_title` text NOT NULL,
	`agency_label` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`user_id` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `learning_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_invitation_tokenHash_unique` ON `event_invitation` (`token_hash`);--> statement-breakpoint
CREATE INDEX `event_invitation_event` ON `event_invitation` (`event_id`);--> statement-breakpoint
CREATE TABLE `event_participant` (
	`event_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role_title` text DEFAULT '' NOT NULL,
	`agency_label` text DEFAULT '' NOT NULL,
	`acknowledged_at` integer,
	`attended_at` integer,
	`added_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `learning_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `learning_event` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`agenda` text NOT NULL,
	`episode_ids` text NOT NULL,
	`reflection_closes_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `learning_event_review` ON `learning_event` (`review_id`,`starts_at`);--> statement-breakpoint
ALTER TABLE `session` ADD `expires_at` integer;