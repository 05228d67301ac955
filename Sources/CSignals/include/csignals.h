#ifndef GPAI_CSIGNALS_H
#define GPAI_CSIGNALS_H
// Installs HUP/INT/TERM/QUIT handlers that only record the signal (no SA_RESTART,
// so a blocking read returns EINTR). Must run before newterm().
void csig_install(void);
// Returns the last recorded signal number and clears it (0 when none).
int csig_take(void);
#endif
