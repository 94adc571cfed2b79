package io.kyrodb.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kyro} command. Each subcommand is its own class ({@link ShellCommand}; later serve,
 * bench, demo, check). With no subcommand it is {@code kyro shell}, and arguments that are clearly
 * the shell's (an option, or a database such as {@code mem:}, {@code ./data} or a directory that
 * exists) go to the shell too: {@code kyro -c 'SELECT 1'}, {@code kyro ./data}. A word that is none of
 * these stays a (mistyped) subcommand, so {@code kyro srve} is an error, not a new database.
 *
 * <p>Exit status: 0 when all went well, 1 when a {@code -c} command failed or a file could not be
 * read, 2 for a usage error or a database that could not be opened, 3 when {@code --on-error-stop}
 * stopped at a failing statement (psql's numbers).
 */
@Command(name = "kyro",
        mixinStandardHelpOptions = true,
        versionProvider = KyroCommand.Version.class,
        description = "KyroDB, the embedded SQL database for the JVM. With no command: kyro shell.",
        subcommands = {ShellCommand.class, CheckCommand.class})
public final class KyroCommand implements Runnable {

    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    final Streams streams;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    KyroCommand(Streams streams) {
        this.streams = streams;
    }

    public static void main(String[] args) {
        System.exit(run(Streams.system(), args));
    }

    /** Runs the command line and returns its exit status. */
    static int run(Streams streams, String... args) {
        CommandLine commandLine = new CommandLine(new KyroCommand(streams));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
        commandLine.setOverwrittenOptionsAllowed(true); // -c and -f repeat; their setters keep them all
        return commandLine.execute(withDefaultSubcommand(commandLine, args));
    }

    /** Puts {@code shell} in front of arguments that are the shell's. */
    static String[] withDefaultSubcommand(CommandLine commandLine, String[] args) {
        if (args.length > 0) {
            String first = args[0];
            if (commandLine.getSubcommands().containsKey(first) || OWN_OPTIONS.contains(first)) return args;
            boolean shellArgument = first.startsWith("-") || first.contains(":") || first.contains("/")
                    || first.contains("\\") || Files.isDirectory(Path.of(first));
            if (!shellArgument) return args;
        }
        List<String> shell = new ArrayList<>(args.length + 1);
        shell.add("shell");
        shell.addAll(List.of(args));
        return shell.toArray(String[]::new);
    }

    @Override
    public void run() {
        // Not reached: run() puts "shell" in front when no subcommand is given.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** {@code kyro --version}: this build, and the Java running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "kyro " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch").toLowerCase(Locale.ROOT),
            };
        }
    }

    /** The project version this was built as (Maven filters it into version.properties). */
    static String version() {
        try (InputStream in = KyroCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) return "(unknown version)";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
