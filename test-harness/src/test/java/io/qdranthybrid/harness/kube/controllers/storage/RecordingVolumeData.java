package io.qdranthybrid.harness.kube.controllers.storage;

import io.qdranthybrid.harness.runtime.VolumeData;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link VolumeData} that remembers every call, in order, for assertions on volume and snapshot handles. */
final class RecordingVolumeData implements VolumeData {

    /** One call: the operation and its two handles (second is empty for deletions). */
    record Call(String operation, String from, String to) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void snapshot(String volumeHandle, String snapshotHandle) {
        calls.add(new Call("snapshot", volumeHandle, snapshotHandle));
    }

    @Override
    public void restore(String snapshotHandle, String volumeHandle) {
        calls.add(new Call("restore", snapshotHandle, volumeHandle));
    }

    @Override
    public void deleteVolume(String volumeHandle) {
        calls.add(new Call("deleteVolume", volumeHandle, ""));
    }

    @Override
    public void deleteSnapshot(String snapshotHandle) {
        calls.add(new Call("deleteSnapshot", snapshotHandle, ""));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }
}
