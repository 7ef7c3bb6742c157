CREATE TABLE `doc_client` (
	`doc_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`doc_name`, `client_id`)
);
--> statement-breakpoint
CREATE TABLE `doc_mark` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`snapshot` blob NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_mark_doc_idx` ON `doc_mark` (`doc_name`,`created_at`);--> statement-breakpoint
CREATE TABLE `doc_snapshot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`up_to_update_id` integer NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_snapshot_doc_idx` ON `doc_snapshot` (`doc_name`,`id`);--> statement-breakpoint
CREATE TABLE `doc_update` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`update` blob NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `doc_update_doc_idx` ON `doc_update` (`doc_name`,`id`);