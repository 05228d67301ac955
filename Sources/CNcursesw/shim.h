// Wide-character ncurses for Swift. SwiftPM drops the -D flags from ncursesw.pc,
// so the switches that expose get_wch/cchar_t/wcwidth are set here.
#ifndef GPAI_CNCURSESW_SHIM_H
#define GPAI_CNCURSESW_SHIM_H
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <curses.h>

static inline attr_t shim_a_normal(void)    { return A_NORMAL; }
static inline attr_t shim_a_bold(void)      { return A_BOLD; }
static inline attr_t shim_a_reverse(void)   { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void)       { return A_DIM; }
static inline int    shim_key_f(int n)      { return KEY_F(n); }
static inline int    shim_wcwidth(wchar_t c) { return wcwidth(c); }
static inline mmask_t shim_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t shim_button1_down(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t shim_wheel_up(void)     { return BUTTON4_PRESSED; }
static inline mmask_t shim_wheel_down(void)   { return BUTTON5_PRESSED; }
#endif
