package io.qdranthybrid.platform.bootstrap;

/** Pull credentials for the registry that serves the agent's chart and images; the password never shows in toString. */
public record RegistryCredentials(String server, String username, String password) {

    public RegistryCredentials {
        if (server == null || server.isBlank() || username == null || username.isBlank()
                || password == null || password.isBlank()) {
            throw new IllegalArgumentException("registry server, username and password must not be blank");
        }
        if (password.contains("\n") || password.contains("\r")) {
            // It is read as one line from a file (helm registry login --password-stdin).
            throw new IllegalArgumentException("the registry password must be one line");
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[server=" + server + ", username=" + username + ", password=<redacted>]";
    }
}
