/**
 * The agent &lt;-&gt; control-plane protocol (our own; transport-agnostic JSON text frames, carried here over a
 * WebSocket the agent dials out).
 *
 * <h2>Wire format</h2>
 * Every frame is one envelope {@code {"v":1,"type":"<type>","id":"<uuid>","ts":"<ISO-8601>","payload":{...}}},
 * at most the session's {@code maxMessageBytes} (default 1 MiB) in UTF-8. Unknown fields are ignored, unknown types
 * are ignored and counted (forward compatibility), anything else that does not decode is answered with a Nack.
 *
 * <h2>Session</h2>
 * <ol>
 *   <li>The agent sends {@code hello} (environment id, access key {@code <uuid>|<secret>}, versions it speaks, last
 *       applied desired-state revision).</li>
 *   <li>The control plane answers {@code welcome} (chosen version, session id, heartbeat interval and timeout, max
 *       message size) or {@code refused} (reason code, message) and closes. Use
 *       {@link io.qdranthybrid.protocol.session.VersionNegotiation} to choose the version.</li>
 *   <li>The control plane sends {@code desired-state} (a snapshot, or a delta since the agent's revision) and
 *       {@code command}s; the agent answers each with {@code ack} (naming the revision or command id) or {@code nack}.
 *       Delivery is at least once: redeliver anything not acknowledged, with the same envelope id if you like; the
 *       agent applies nothing twice. A {@code nack} with {@code REVISION_GAP} asks for a snapshot. A desired state
 *       too large for one frame travels as {@code desired-state-part}s ({@code part} of {@code parts}, one revision);
 *       the agent applies it once every part arrived in order and answers with the last part's id; a resource too
 *       large on its own is listed under {@code withheld} and left as it is. A {@code nack} of a desired state may
 *       name the {@code resources} it concerns, each with its reason.</li>
 *   <li>The agent sends {@code resource-status}, {@code environment-status} and {@code telemetry}; the control
 *       plane should {@code ack} each (by envelope id), otherwise the agent resends them after a reconnect.</li>
 *   <li>Either side sends {@code heartbeat} when idle for the heartbeat interval and drops a session silent for the
 *       heartbeat timeout. {@code resync-request} asks the agent to report every status again.</li>
 *   <li>Reads on request: the control plane sends {@code query} ({@code queryId}, {@code name}, {@code args}, e.g.
 *       {@code cluster-logs} or {@code cluster-events}); the agent answers with {@code query-result} chunks
 *       ({@code queryId}, {@code seq} from 0, {@code last}, and {@code data} or a single {@code error}
 *       {@code {code, message}}), each at most 64 KiB of data, the whole answer at most 1 MiB (then the last chunk says
 *       {@code truncated}). An unknown query name is answered {@code UNSUPPORTED}. Queries are not stored, redelivered
 *       or acknowledged: an answer lost with its session is asked for again. Nothing flows unless asked.</li>
 * </ol>
 *
 * <h2>Packages</h2>
 * {@code message} (records), {@code codec} (JSON), {@code delivery} (apply ledger, outbound buffer), {@code session}
 * (negotiation, backoff, heartbeats), {@code client} (the agent's OkHttp connection). Nothing here depends on other
 * packages of ours; desired resources travel as Jackson manifests.
 */
package io.qdranthybrid.protocol;
