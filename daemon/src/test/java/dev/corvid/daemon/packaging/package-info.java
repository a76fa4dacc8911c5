/**
 * Tests of the packaging in {@code docker/} at the top of the source tree: the example configurations and the
 * DaemonSet's embedded one pass {@code corvid check}; the DaemonSet manifest, the systemd unit and the Dockerfile
 * say what they must (host network, the two capabilities, probes, a non-root user). No Docker engine or cluster is
 * needed: the files are parsed, not run.
 */
package dev.corvid.daemon.packaging;
