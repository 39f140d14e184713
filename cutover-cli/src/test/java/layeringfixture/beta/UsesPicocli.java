package layeringfixture.beta;

import picocli.CommandLine;

/** A module other than the cli using picocli: the violation. */
public final class UsesPicocli {
    public static CommandLine parser(Object command) {
        return new CommandLine(command);
    }
}
