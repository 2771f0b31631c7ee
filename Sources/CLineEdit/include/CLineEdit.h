// Non-variadic wrappers over libedit, for Swift.
//
// Swift cannot call C variadic functions, and libedit's settings all go through
// the variadic el_set, el_get and history. Swift 6 also rejects references to
// C globals such as stdin, so the standard streams are returned by functions.
// Everything non-variadic (el_init, el_gets, el_line, el_insertstr, el_deletestr,
// el_source, history_init, ...) is called from Swift directly.
#ifndef CLINEEDIT_H
#define CLINEEDIT_H

#include <histedit.h>
#include <signal.h>
#include <stdio.h>

/// A libedit key function: returns one of the CC_* codes.
typedef unsigned char (*cle_key_function)(EditLine *el, int key);

/// Returns the prompt to show; the string must stay valid while the line is edited.
typedef char *(*cle_prompt_function)(EditLine *el);

/// Reads one character into *character: returns 1, 0 at the end of input, -1 on an error
/// (errno set), as libedit's own reading does.
typedef int (*cle_read_function)(EditLine *el, wchar_t *character);

FILE *cle_stdin(void);
FILE *cle_stdout(void);
FILE *cle_stderr(void);

// ---- el_set / el_get (each returns 0 on success, -1 on failure) ----

/// The prompt; escape sequences in it go between two \\1 characters.
int cle_set_prompt(EditLine *el, cle_prompt_function prompt);
/// "emacs" or "vi".
int cle_set_editor(EditLine *el, const char *mode);
/// Lets libedit restore the terminal on signals and follow SIGWINCH (EL_SIGNAL).
int cle_set_signal_handling(EditLine *el, int enabled);
/// Changes one terminal flag of libedit's edit mode, e.g. "-isig".
int cle_set_edit_mode_tty(EditLine *el, const char *flag);

/// Registers a named key function, which cle_bind and ~/.editrc can then bind.
int cle_add_function(EditLine *el, const char *name, const char *help, cle_key_function function);
/// Binds a key sequence (e.g. "^I", "?") to a function name.
int cle_bind(EditLine *el, const char *key, const char *function);
/// The same in vi's command mode (`bind -a`); emacs does not use that map.
int cle_bind_in_command_mode(EditLine *el, const char *key, const char *function);
/// Replaces how libedit reads a character from the terminal (EL_GETCFN).
int cle_set_read_function(EditLine *el, cle_read_function read);
/// The context handed to key and prompt functions.
int cle_set_client_data(EditLine *el, void *data);
void *cle_client_data(EditLine *el);
/// Connects the history used by the up/down and search bindings.
int cle_set_history(EditLine *el, History *history);

// ---- history (each returns 0 or more on success, -1 on failure) ----

int cle_history_set_size(History *history, int size);
/// With unique set, a line equal to the previous one is not entered twice.
int cle_history_set_unique(History *history, int unique);
int cle_history_enter(History *history, const char *line);
int cle_history_clear(History *history);
/// Appends the file's lines; returns how many were read.
int cle_history_load(History *history, const char *path);
/// Writes the whole history, readable by the owner only.
int cle_history_save(History *history, const char *path);

// ---- Ctrl-C ----

/// The SIGINT disposition in place before cle_catch_interrupts.
typedef struct {
    struct sigaction previous;
} cle_interrupt_guard;

/// Installs a SIGINT handler without SA_RESTART, so that a Ctrl-C makes el_gets
/// return -1 instead of killing the process or being retried silently.
int cle_catch_interrupts(cle_interrupt_guard *guard);
/// Puts back the disposition saved by cle_catch_interrupts.
int cle_restore_interrupts(const cle_interrupt_guard *guard);
/// Whether a SIGINT arrived since the last call; clears the mark.
int cle_take_interrupt(void);
/// Whether a SIGINT arrived since the last cle_take_interrupt; leaves the mark.
int cle_interrupt_pending(void);

#endif
