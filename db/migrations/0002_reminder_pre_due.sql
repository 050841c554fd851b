ALTER TABLE "reminders" DROP CONSTRAINT "reminders_level_check";--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_level_check" CHECK ("reminders"."level" between 0 and 4);