package io.qdranthybrid.samples.platform;

import io.qdranthybrid.protocol.message.ResourceStatus;

import java.util.List;

/**
 * What the agents last reported about an environment's resources, read back from wherever the status sink keeps it
 * (memory on one replica, PostgreSQL when replicas share it). The SDK's sink SPI only writes; reading is the platform's.
 */
@FunctionalInterface
public interface ReportedStatuses {

    List<ResourceStatus> of(String environmentId);
}
