package dev.cutover.orchestrator.switching;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code file} and {@code command} together: {@code stop} runs the command; {@code start} rewrites the file, then
 * runs the command (which restarts the client so that it reads the file). A failed rewrite runs no command; after a
 * failed command, repeating {@code start} finds the file already rewritten and runs the command again.
 */
final class CombinedSwitcher implements Switcher {
    private final FileSwitcher file;
    private final CommandSwitcher command;

    CombinedSwitcher(FileSwitcher file, CommandSwitcher command) {
        this.file = file;
        this.command = command;
    }

    FileSwitcher file() {
        return file;
    }

    CommandSwitcher command() {
        return command;
    }

    @Override
    public SwitchOutcome stop(SwitchContext context) throws InterruptedException {
        return command.stop(context);
    }

    @Override
    public SwitchOutcome start(SwitchContext context) throws InterruptedException {
        SwitchOutcome rewrite = file.start(context);
        SwitchOutcome run = command.start(context);
        Map<String, String> details = new LinkedHashMap<>();
        rewrite.details().forEach((k, v) -> details.put("file." + k, v));
        run.details().forEach((k, v) -> details.put("command." + k, v));
        return new SwitchOutcome(rewrite.done() && run.done(), rewrite.summary() + "; then " + run.summary(), details);
    }
}
