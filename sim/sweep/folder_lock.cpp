#include "sweep/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "common/error.hpp"

namespace circa::sweep {
namespace {

namespace fs = std::filesystem;

std::string not_writable(const std::string& dir, const std::string& why) {
  return "output folder '" + dir + "' is not writable (" + why +
         "); choose another folder with --out or make this one writable";
}

/// The pid the lock's holder wrote into the file, or "unknown".
std::string holder(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "unknown" : pid;
}

}  // namespace

FolderLock::FolderLock(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ConfigError(not_writable(dir, "cannot create it: " + ec.message()));
  const std::string path = (fs::path(dir) / kFileName).string();
  // O_CLOEXEC: worker processes must not inherit (and outlive the sweep holding) the lock.
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw ConfigError(not_writable(dir, std::strerror(errno)));
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string pid = err == EWOULDBLOCK ? holder(fd_) : "";
    close(fd_);
    fd_ = -1;
    if (err != EWOULDBLOCK)
      throw ConfigError("cannot lock output folder '" + dir + "': " + std::strerror(err));
    throw ConfigError("output folder '" + dir + "' is in use by another circa sweep (pid " + pid +
                      "); wait for it to finish, or give this one another folder with --out");
  }
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) != 0 || pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    const std::string why = std::strerror(errno);
    close(fd_);
    fd_ = -1;
    throw ConfigError(not_writable(dir, why));
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) close(fd_);  // closing the only descriptor releases the lock
}

}  // namespace circa::sweep
