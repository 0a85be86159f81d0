-- Headroom schema 4: the model of a user turn, where it is known (messages logged by hand for
-- claude.ai say which model they went to; Claude Code prompts do not).

ALTER TABLE prompt_event ADD COLUMN model TEXT;
