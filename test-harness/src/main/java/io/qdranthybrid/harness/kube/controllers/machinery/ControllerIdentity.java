package io.qdranthybrid.harness.kube.controllers.machinery;

import java.util.ArrayList;
import java.util.List;

/**
 * Who a simulated component is to the API server: the user and groups its requests authenticate as, so RBAC gives
 * it what its real counterpart holds and the request journal tells it apart. kube-controller-manager runs each
 * controller as its own ServiceAccount in kube-system ({@code --use-service-account-credentials}, see
 * cmd/kube-controller-manager/app/controllermanager.go); kube-scheduler and kubelets have users of their own.
 */
public record ControllerIdentity(String user, List<String> groups) {

    private static final String AUTHENTICATED = "system:authenticated";

    public ControllerIdentity {
        groups = List.copyOf(groups);
    }

    /** A ServiceAccount with the groups the token authenticator gives it (serviceaccount/util.go). */
    public static ControllerIdentity serviceAccount(String namespace, String name) {
        return new ControllerIdentity("system:serviceaccount:" + namespace + ":" + name,
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
    }

    /** A kube-controller-manager controller: ServiceAccount {@code name} in kube-system. */
    public static ControllerIdentity kubeSystemServiceAccount(String name) {
        return serviceAccount("kube-system", name);
    }

    /** A user of a client certificate, e.g. {@code system:kube-scheduler}; always in system:authenticated. */
    public static ControllerIdentity user(String name, String... groups) {
        List<String> all = new ArrayList<>(List.of(groups));
        all.add(AUTHENTICATED);
        return new ControllerIdentity(name, all);
    }
}
