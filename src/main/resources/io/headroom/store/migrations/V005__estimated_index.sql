-- Every import reports the models priced by estimate; without this the question scans every usage row,
-- which the dashboard's first refresh over a large store waited for. Partial: estimated rows are few.
CREATE INDEX usage_event_estimated ON usage_event (model, priced_as) WHERE price_estimated = 1;
