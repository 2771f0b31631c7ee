// The BSD editline library (libedit), found through pkg-config.
#include <histedit.h>
