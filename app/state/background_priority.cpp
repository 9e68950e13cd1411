// Thread priority for background work; see background_priority.h.
#include "state/background_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sepconv::app {

void LowerThisThreadsPriority() {
  // On Linux the nice value is per thread: PRIO_PROCESS with a thread id sets only it.
  const long tid = syscall(SYS_gettid);
  setpriority(PRIO_PROCESS, static_cast<id_t>(tid), 10);
}

}  // namespace sepconv::app
