# A tiny TCP service that speaks no HTTP, for the verify tests (perl-base is in
# debian:bookworm-slim): like twemproxy, a proxy port that answers a request in its own protocol
# (6380) and a stats port that sends a line and hangs up (6381). No EXPOSE in the image.
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;

$| = 1;
my $name = $ENV{TCP_NAME} // "tcp-tiny";
my @ports = $ENV{TCP_ONLY_PROXY} ? (6380) : (6380, 6381);
my $select = IO::Select->new();
for my $port (@ports) {
    my $server = IO::Socket::INET->new(
        LocalPort => $port, Listen => 16, ReuseAddr => 1, Proto => "tcp"
    ) or die "tcp: cannot listen on $port: $!\n";
    $select->add($server);
}
print "tcp: listening on @ports\n";
while (my @ready = $select->can_read) {
    for my $server (@ready) {
        my $client = $server->accept or next;
        if ($server->sockport == 6381) {
            # What varies between two runs (a random id) and what does not (the name).
            print $client "{\"service\": \"$name\", \"id\": " . int(rand(1e9)) . "}\n";
        } else {
            my $line = <$client> // "";
            print $client "-ERR unknown command\r\n" if $line ne "";
        }
        close $client;
    }
}
