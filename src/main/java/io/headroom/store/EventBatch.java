package io.headroom.store;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.PromptEvent;
import io.headroom.domain.UsageEvent;
import java.util.List;

/**
 * Events read from one stretch of one source, written in one transaction together with the
 * position reached, so a crash between batches never counts a line twice or skips one.
 *
 * @param incompleteKeys dedup keys of responses whose stream was cut (the transcript said so
 *                       on a later line)
 * @param fileState      the import position to record, or null
 */
public record EventBatch(List<UsageEvent> usage, List<ErrorEvent> errors, List<PromptEvent> prompts,
        List<String> incompleteKeys, FileState fileState) {

    public EventBatch {
        usage = List.copyOf(usage);
        errors = List.copyOf(errors);
        prompts = List.copyOf(prompts);
        incompleteKeys = List.copyOf(incompleteKeys);
    }

    /** Usage alone, with no import position (the proxy, tests). */
    public static EventBatch ofUsage(List<UsageEvent> usage) {
        return new EventBatch(usage, List.of(), List.of(), List.of(), null);
    }

}
