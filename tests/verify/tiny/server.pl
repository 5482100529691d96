# A tiny HTTP server for the verify tests: perl-base is in debian:bookworm-slim, so the test image
# is the slim base plus this file. Its behaviour is chosen with environment variables.
use strict;
use warnings;
use IO::Socket::INET;

$| = 1;
my $mode = $ENV{TINY_MODE} // "serve";
if ($mode eq "crash") {
    print STDERR "tiny: crashing on purpose\n";
    exit 3;
}
if ($mode eq "hang") {
    print "tiny: hanging without listening\n";
    sleep 3600;
    exit 0;
}
if ($ENV{TINY_NEEDS_CHOWN}) {
    # Needs CAP_CHOWN: fails when every capability is dropped, like an entrypoint that fixes
    # ownership of a data directory before serving.
    open(my $fh, ">", "/tmp/owned") or die "tiny: cannot create /tmp/owned: $!\n";
    close $fh;
    chown(1, 1, "/tmp/owned") or die "tiny: chown failed: $!\n";
}
my $greeting = $ENV{TINY_GREETING} // "hello from tiny";
my $server = IO::Socket::INET->new(
    LocalPort => 8080, Listen => 16, ReuseAddr => 1, Proto => "tcp"
) or die "tiny: cannot listen: $!\n";
print "tiny: listening on 8080\n";
while (my $client = $server->accept) {
    my $request = <$client> // "";
    while (my $line = <$client>) { last if $line =~ /^\r?\n$/; }
    my ($path) = $request =~ m{^GET (\S+)};
    $path //= "/";
    my ($status, $body) = (200, "$greeting\n");
    if ($path =~ m{^/status/(\d{3})$}) { ($status, $body) = ($1, "status $1\n"); }
    elsif ($path ne "/") { ($status, $body) = (404, "not found\n"); }
    print "tiny: GET $path -> $status\n";
    print $client "HTTP/1.0 $status X\r\nContent-Type: text/plain\r\n"
        . "Content-Length: " . length($body) . "\r\nConnection: close\r\n\r\n$body";
    close $client;
}
