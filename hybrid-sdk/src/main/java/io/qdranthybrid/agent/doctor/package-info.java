/**
 * The prerequisites check ({@code java -jar hybrid-agent.jar doctor}, and once at the agent's start): the questions
 * the real product's prerequisites script asks, each answered PASS, WARN or FAIL with what was found and what to do.
 * Each check is a pure function of what was read ({@code *Check}); {@link io.qdranthybrid.agent.doctor.ClusterReads}
 * and {@link io.qdranthybrid.agent.doctor.ControlPlaneProbe} do the reading; {@link
 * io.qdranthybrid.agent.doctor.PrerequisitesDoctor} runs them all. A right the agent only optionally holds (cluster
 * reads) never makes a check fail: it warns that it could not check and names the component that grants it.
 */
package io.qdranthybrid.agent.doctor;
