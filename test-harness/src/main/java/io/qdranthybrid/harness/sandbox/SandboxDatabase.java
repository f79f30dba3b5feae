package io.qdranthybrid.harness.sandbox;

import java.util.Map;

/**
 * A PostgreSQL server for the sandbox's control plane to keep its state in, from {@code --postgres-url} and
 * {@code --postgres-user} or the environment. The password comes only from {@value #PASSWORD_VARIABLE}: on a command
 * line every user of the machine could read it with {@code ps}.
 */
public record SandboxDatabase(String url, String user, String password) {

    static final String USER_VARIABLE = "QDRANT_HYBRID_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "QDRANT_HYBRID_POSTGRES_PASSWORD";

    public SandboxDatabase {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--postgres-url needs a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/platform, got '" + url + "'");
        }
    }

    /** The user given on the command line, else from the environment; the password from the environment only. */
    static SandboxDatabase of(String url, String user, Map<String, String> environment) {
        return new SandboxDatabase(url, user != null ? user : environment.get(USER_VARIABLE),
                environment.get(PASSWORD_VARIABLE));
    }

    /** Where the database is, without URL parameters (which may carry a password). */
    public String location() {
        return url.replaceFirst("\\?.*", "");
    }

    /** Never the password: this ends up in logs and error messages. */
    @Override
    public String toString() {
        return "SandboxDatabase[url=" + location() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + "]";
    }
}
