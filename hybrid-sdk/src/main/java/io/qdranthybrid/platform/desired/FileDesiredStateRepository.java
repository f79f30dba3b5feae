package io.qdranthybrid.platform.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One JSON file per environment in a directory ({@code <environmentId>.desired.json}), replaced atomically on every
 * change, so desired states and their revisions survive a restart of the control plane. Fine for a single platform
 * process and moderate state; a platform with a database keeps its desired state there instead.
 */
public final class FileDesiredStateRepository implements DesiredStateRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids become file names: refuse anything that could name a path outside the directory. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path directory;

    public FileDesiredStateRepository(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the desired-state directory " + directory, e);
        }
    }

    @Override
    public Optional<PersistedDesiredState> load(String environmentId) {
        Path file = fileOf(environmentId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(JSON.readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the desired state of environment " + environmentId + " from "
                    + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String environmentId, PersistedDesiredState state) {
        Path target = fileOf(environmentId);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), toJson(state));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the desired state of environment " + environmentId + " to "
                    + target, e);
        }
    }

    @Override
    public void delete(String environmentId) {
        try {
            Files.deleteIfExists(fileOf(environmentId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the desired state of environment " + environmentId, e);
        }
    }

    private Path fileOf(String environmentId) {
        if (environmentId == null || !SAFE_ID.matcher(environmentId).matches()) {
            throw new IllegalArgumentException("environment id '" + environmentId + "' cannot name a file");
        }
        return directory.resolve(environmentId + ".desired.json");
    }

    private static ObjectNode toJson(PersistedDesiredState state) {
        ObjectNode root = JSON.createObjectNode().put("revision", state.revision());
        ArrayNode resources = root.putArray("resources");
        for (DesiredResource resource : state.resources()) {
            ObjectNode entry = resources.addObject()
                    .put("kind", resource.key().kind().wireName())
                    .put("namespace", resource.key().namespace())
                    .put("name", resource.key().name())
                    .put("revision", resource.revision());
            entry.set("manifest", resource.manifestIfPresent().orElseThrow());
        }
        return root;
    }

    private static PersistedDesiredState fromJson(JsonNode root) {
        List<DesiredResource> resources = new ArrayList<>();
        for (JsonNode entry : root.path("resources")) {
            String kindName = entry.path("kind").asText();
            ResourceKind kind = ResourceKind.fromWireName(kindName).orElseThrow(
                    () -> new IllegalStateException("unknown resource kind '" + kindName + "'"));
            ResourceKey key = new ResourceKey(kind, entry.path("namespace").asText(), entry.path("name").asText());
            resources.add(DesiredResource.present(key, revisionOf(entry, key.toString()), entry.get("manifest")));
        }
        return new PersistedDesiredState(revisionOf(root, "the state"), resources);
    }

    /** A revision as written by {@link #toJson}; anything else (text, fractions, overflowing numbers) is corruption. */
    private static long revisionOf(JsonNode node, String of) {
        JsonNode revision = node.get("revision");
        if (revision == null || !revision.isIntegralNumber() || !revision.canConvertToLong()) {
            throw new IllegalStateException("the revision of " + of + " is not a whole number: " + revision);
        }
        return revision.asLong();
    }
}
