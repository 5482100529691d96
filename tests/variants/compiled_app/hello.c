/* A small compiled app for the compiled multi-stage engine test: it links a library of the
 * distribution (libyaml), reads a config file a context COPY put in /etc before the build, and
 * prints both. */
#include <stdio.h>
#include <yaml.h>

int main(void) {
    char line[256] = "";
    FILE *conf = fopen("/etc/hello/hello.conf", "r");
    if (conf == NULL || fgets(line, sizeof line, conf) == NULL) {
        fprintf(stderr, "hello: cannot read /etc/hello/hello.conf\n");
        return 1;
    }
    fclose(conf);
    printf("libyaml %s\n%s", yaml_get_version_string(), line);
    return 0;
}
