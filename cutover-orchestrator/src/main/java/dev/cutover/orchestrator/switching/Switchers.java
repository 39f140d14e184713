package dev.cutover.orchestrator.switching;

import dev.cutover.config.SwitchSpec;
import java.time.Duration;

/** Builds the switcher a workload's {@code switch:} declares. */
public final class Switchers {
    private Switchers() {}

    /** As {@link #of(SwitchSpec, Duration)} with {@link CommandSwitcher#DEFAULT_TIMEOUT}. */
    public static Switcher of(SwitchSpec spec) {
        return of(spec, CommandSwitcher.DEFAULT_TIMEOUT);
    }

    /**
     * {@code manual} alone: a {@link ManualSwitcher}; {@code file} alone: a {@link FileSwitcher}; {@code command}
     * alone: a {@link CommandSwitcher}; both: {@code stop} runs the command, {@code start} rewrites the file and then
     * runs the command.
     *
     * @param commandTimeout how long one run of the command may take
     */
    public static Switcher of(SwitchSpec spec, Duration commandTimeout) {
        if (spec.manual().isPresent()) {
            return new ManualSwitcher(spec.manual().get());
        }
        if (spec.file().isPresent() && !spec.command().isEmpty()) {
            return new CombinedSwitcher(
                    new FileSwitcher(spec.file().get()), new CommandSwitcher(spec.command(), commandTimeout));
        }
        if (spec.file().isPresent()) {
            return new FileSwitcher(spec.file().get());
        }
        return new CommandSwitcher(spec.command(), commandTimeout);
    }
}
