package dev.cutover.cli;

import picocli.CommandLine.Command;

@Command(
        name = "cutover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Moves Kafka clients from one cluster to another without losing or duplicating a record,",
            "with evidence that each client is ready before it moves.",
            ""
        },
        subcommands = {
            DemoCommand.class,
            SandboxCommand.class,
            InventoryCommand.class,
            PlanCommand.class,
            ReadinessCommand.class,
            EvidenceCommand.class,
            LinkCommand.class,
            OffsetsCommand.class,
            ProbeCommand.class,
            VerifyCommand.class,
            WaveCommand.class,
            JournalCommand.class,
            SchemasCommand.class,
            DoctorCommand.class,
            ServeCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 check failed / not ready / partly refused, 2 usage or config error,",
            "            3 cluster unreachable or denied, 4 internal error (a bug).",
            "Run 'cutover COMMAND --help' for the options of a command."
        })
public final class CutoverCommand {}
