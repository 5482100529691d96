#!/bin/sh
# As in the official Debian images: packages installed during "docker build" must not try to
# start their services (there is no init system in a build container).
exit 101
