#include "CLineEdit.h"

#include <string.h>

FILE *cle_stdin(void) { return stdin; }
FILE *cle_stdout(void) { return stdout; }
FILE *cle_stderr(void) { return stderr; }

int cle_set_prompt(EditLine *el, cle_prompt_function prompt) {
    /* Text between two \1 characters is printed as is and takes no width: colours. */
    return el_set(el, EL_PROMPT_ESC, prompt, '\1');
}

int cle_set_edit_mode_tty(EditLine *el, const char *flag) {
    /* libedit supplies argv[0] ("setty") itself. */
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}

int cle_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

int cle_set_signal_handling(EditLine *el, int enabled) {
    return el_set(el, EL_SIGNAL, enabled);
}

int cle_add_function(EditLine *el, const char *name, const char *help, cle_key_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

int cle_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

int cle_bind_in_command_mode(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, "-a", key, function, (const char *)NULL);
}

int cle_set_read_function(EditLine *el, cle_read_function read) {
    return el_set(el, EL_GETCFN, read);
}

int cle_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

void *cle_client_data(EditLine *el) {
    void *data = NULL;
    return el_get(el, EL_CLIENTDATA, &data) == 0 ? data : NULL;
}

int cle_set_history(EditLine *el, History *history_) {
    return el_set(el, EL_HIST, history, history_);
}

int cle_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

int cle_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

int cle_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

int cle_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

int cle_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

int cle_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

// A signal handler has no context argument, so the mark has to be a global.
static volatile sig_atomic_t interrupted = 0;

static void note_interrupt(int signo) {
    (void)signo;
    interrupted = 1;
}

int cle_catch_interrupts(cle_interrupt_guard *guard) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: the pending read must fail with EINTR
    interrupted = 0;
    return sigaction(SIGINT, &action, &guard->previous);
}

int cle_restore_interrupts(const cle_interrupt_guard *guard) {
    return sigaction(SIGINT, &guard->previous, NULL);
}

int cle_take_interrupt(void) {
    int was = interrupted;
    interrupted = 0;
    return was;
}

int cle_interrupt_pending(void) { return interrupted; }
