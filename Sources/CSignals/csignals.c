#include "csignals.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending = 0;

static void record(int sig) { pending = sig; }

void csig_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGHUP, &sa, 0);
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    // Ctrl-\ leaves like SIGTERM (terminal restored, draft kept), not with a core dump in the alternate screen.
    sigaction(SIGQUIT, &sa, 0);
}

int csig_take(void) {
    int s = pending;
    pending = 0;
    return s;
}
