package dev.cutover.orchestrator.switching;

import dev.cutover.config.Redactor;
import java.util.Objects;

/**
 * {@code switch: manual: "..."}: an operator moves the client. Both actions return
 * {@link SwitchOutcome#waiting} with what to do, for which cluster and its bootstrap servers; the wave pauses until
 * {@code wave resume}, and the orchestrator then checks what it can itself (the group left the source, members
 * appeared on the target). Repeating an action repeats the instruction, nothing else.
 */
public final class ManualSwitcher implements Switcher {
    private final String instruction;

    /** @param instruction what the operator must do, as {@code workloads.yaml} says it */
    public ManualSwitcher(String instruction) {
        this.instruction = Redactor.redactText(Objects.requireNonNull(instruction, "instruction"));
        if (instruction.isBlank()) {
            throw new IllegalArgumentException("a manual switch needs an instruction");
        }
    }

    public String instruction() {
        return instruction;
    }

    @Override
    public SwitchOutcome stop(SwitchContext context) {
        return SwitchOutcome.waiting("stop workload '" + context.workload() + "' where it runs now ("
                + context.cluster().name() + ", bootstrap.servers " + bootstrap(context) + "): " + instruction
                + ". Then run 'cutover wave resume' for wave " + context.wave() + ".");
    }

    @Override
    public SwitchOutcome start(SwitchContext context) {
        return SwitchOutcome.waiting("point workload '" + context.workload() + "' at "
                + context.cluster().name()
                + " (bootstrap.servers " + bootstrap(context) + ") and start it there: " + instruction
                + ". Then run 'cutover wave resume' for wave " + context.wave() + ".");
    }

    private static String bootstrap(SwitchContext context) {
        return Redactor.redactText(context.cluster().bootstrapServers());
    }
}
