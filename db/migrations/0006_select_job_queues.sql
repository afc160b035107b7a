-- pg-boss queues of the data-selection job kinds (@atlas/select): building a pool's representation, running a selection.
SELECT pgboss.create_queue('select-represent', '{"policy":"standard"}');--> statement-breakpoint
SELECT pgboss.create_queue('select-run', '{"policy":"standard"}');
