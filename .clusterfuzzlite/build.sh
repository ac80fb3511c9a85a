#!/bin/bash -eu
# ClusterFuzzLite build: the OSS-Fuzz build script of the repository.
exec bash "$SRC/dhcpcore/ci/oss-fuzz/build.sh"
