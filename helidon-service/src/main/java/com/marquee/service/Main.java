package com.marquee.service;

import com.marquee.common.config.ConfigException;
import com.marquee.service.config.ServingConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the server ({@code scripts/serve.sh}). Loads {@code configs/serving.yaml} (or
 * {@code --config}), applies {@code MARQUEE_*} environment variables and the flags, and serves until
 * the process is terminated (SIGINT/SIGTERM stop the server and flush the request log).
 *
 * <p>Exit codes (SPEC §2): 0 after {@code --help}; 2 for bad arguments or an invalid config (one
 * line on stderr naming the problem); 1 when the server cannot start (port in use, request log not
 * writable); {@value #EXIT_LISTENER_FAILED} when the HTTP listener stops while serving (e.g. {@code
 * accept} failed with "Too many open files"), so that a supervisor restarts the process.
 */
@Command(
    name = "serve.sh",
    sortOptions = false,
    description = {
        "Runs the Marquee recommendation server (Helidon SE).",
        "Config: configs/serving.yaml under $MARQUEE_HOME (else the working",
        "directory). Every key can be overridden by an environment variable,",
        "e.g. MARQUEE_SERVER_PORT=9090, MARQUEE_ADMIN_API_KEYS=k1,k2.",
        ""})
public final class Main {

  /** Exit code when the HTTP listener stopped while serving. */
  public static final int EXIT_LISTENER_FAILED = 3;

  @Option(names = "--port", paramLabel = "N", description = "TCP port (overrides server.port; 0 = any free port)")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "interface to bind (overrides server.host)")
  String host;

  @Option(names = "--models", paramLabel = "DIR", description = "model directory to serve (overrides models.dir)")
  Path models;

  @Option(names = "--config", paramLabel = "FILE", description = "config file (default: configs/serving.yaml)")
  Path config;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  /** Outcome of {@link #parse}: either an exit code or a config to serve. */
  record Parsed(int exitCode, ServingConfig config) {}

  public static void main(String[] args) {
    // Before anything logs: JUL reads logging.properties (one-line format) only if configured first.
    io.helidon.logging.common.LogConfig.configureRuntime();
    Parsed p = parse(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err);
    if (p.config() == null) {
      System.exit(p.exitCode());
    }
    MarqueeServer server;
    try {
      server = MarqueeServer.start(p.config(), () -> {
        System.err.println("error: the HTTP listener stopped while serving; exiting with code " + EXIT_LISTENER_FAILED
            + " so that a supervisor restarts the server");
        System.exit(EXIT_LISTENER_FAILED);
      });
    } catch (Exception e) {
      System.err.println("error: cannot start the server: " + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("marquee-shutdown").unstarted(() -> {
      server.close();
      stopped.countDown();
    }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Parses the arguments and loads the config.
   *
   * @param env environment ({@code MARQUEE_HOME} = base of relative config paths, {@code MARQUEE_*} overrides)
   * @param cwd directory that relative CLI paths are resolved against
   * @return exit code 0 (help printed) or 2 (error printed), or the config to serve
   */
  static Parsed parse(String[] args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
    Main m = new Main();
    CommandLine cmd = new CommandLine(m);
    try {
      cmd.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println("error: " + firstLine(e.getMessage()) + " (see --help)");
      return new Parsed(2, null);
    }
    if (m.help) {
      cmd.usage(out);
      return new Parsed(0, null);
    }
    if (m.port != null && (m.port < 0 || m.port > 65535)) {
      err.println("error: --port must be in [0, 65535], got " + m.port);
      return new Parsed(2, null);
    }
    String home = env.get("MARQUEE_HOME");
    Path base = home == null || home.isBlank() ? cwd : cwd.resolve(home);
    Path file = m.config == null ? base.resolve("configs/serving.yaml") : cwd.resolve(m.config);
    if (!Files.isRegularFile(file)) {
      err.println("error: config file " + file + " not found");
      return new Parsed(2, null);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    if (m.port != null) {
      overrides.put("server.port", Integer.toString(m.port));
    }
    if (m.host != null) {
      overrides.put("server.host", m.host);
    }
    if (m.models != null) {
      overrides.put("models.dir", cwd.resolve(m.models).toString());
    }
    try {
      return new Parsed(0, ServingConfig.load(file, env, overrides, base));
    } catch (ConfigException e) {
      err.println("error: " + firstLine(e.getMessage()));
      return new Parsed(2, null);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
