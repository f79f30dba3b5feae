/**
 * The agent &lt;-&gt; control-plane messages: two sealed families ({@link io.qdranthybrid.protocol.message.AgentMessage},
 * {@link io.qdranthybrid.protocol.message.ControlPlaneMessage}) of immutable records, wrapped in an {@link
 * io.qdranthybrid.protocol.message.Envelope}. Desired resources travel as Jackson manifests so this package depends on
 * nothing else of ours.
 */
package io.qdranthybrid.protocol.message;
