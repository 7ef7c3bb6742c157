CREATE TABLE `agency_senior_manager` (
	`review_id` text NOT NULL,
	`user_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`marked_by` text NOT NULL,
	`marked_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `user_id`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `imr` (
	`review_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`status` text NOT NULL,
	`due_on` text NOT NULL,
	`author_id` text,
	`signed_off_by` text,
	`signed_off_at` integer,
	`signed_off_text_hash` text,
	`submitted_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `agency_id`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_off_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `imr_comment` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`returned` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imr_comment_idx` ON `imr_comment` (`review_id`,`agency_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `independence_declaration` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`user_id` text NOT NULL,
	`part` text NOT NULL,
	`agency_id` text,
	`not_involved` integer NOT NULL,
	`not_line_manager` integer NOT NULL,
	`statement` text DEFAULT '' NOT NULL,
	`declared_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `independence_declaration_idx` ON `independence_declaration` (`review_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `information_request` (
	`review_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`asks_chronology` integer NOT NULL,
	`asks_imr` integer NOT NULL,
	`asks_short_report` integer NOT NULL,
	`due_on` text NOT NULL,
	`sent_by` text NOT NULL,
	`sent_at` integer NOT NULL,
	`answer` text,
	`checked_by` text,
	`how_checked` text,
	`answered_by` text,
	`answered_at` integer,
	`chronology_provided_at` integer,
	`short_report_provided_at` integer,
	PRIMARY KEY(`review_id`, `agency_id`),
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agency`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
