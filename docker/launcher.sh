#!/bin/sh
# The installed `corvid` command (/usr/local/bin/corvid in the container image and in a systemd install):
# runs /opt/corvid/corvid.jar on a Java 25 runtime. (./corvid at the top of the source tree is the developer's
# launcher: it builds the jar first.)
#
# The JVM options are those of ./corvid, explained there: no optimising compiler and the serial collector (the
# daemon's work comes in bursts; C2 costs more CPU than it saves), plus the class-data archive made when the
# jar was installed (`corvid show ...` starts in a fraction of a second). The archive is only read here: the
# image's file system is read-only to user corvid. CORVID_JAVA_OPTS comes last, so it can override any of them
# (e.g. CORVID_JAVA_OPTS="-Xmx256m").
set -eu
home=${CORVID_HOME:-/opt/corvid}
# The runtime: JAVA_HOME when set (the eclipse-temurin images set it), else a Java 25 installed in the usual
# places, else `java` on the PATH.
java=
if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
else
  for d in /opt/java/openjdk /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    if [ -x "$d/bin/java" ]; then java="$d/bin/java"; break; fi
  done
fi
[ -n "$java" ] || java=java
# shellcheck disable=SC2086 # CORVID_JAVA_OPTS is a list of JVM options
exec "$java" --enable-native-access=ALL-UNNAMED \
  "-XX:SharedArchiveFile=$home/corvid.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${CORVID_JAVA_OPTS:-} -jar "$home/corvid.jar" "$@"
