#pragma once

// Replaces the global operator new and delete of the program that includes
// it (in one source file only) with the allocation functions that program
// defines in namespace `replaced_new`:
//
//   void *allocate(std::size_t size) noexcept;   // nullptr on failure
//   void *allocate_aligned(std::size_t size, std::align_val_t align) noexcept;
//   void release(void *block) noexcept;          // any block, nullptr included
//
// Every form of new and delete, plain, array, sized, nothrow and
// over-aligned (the library's records and index chunks are aligned to
// cache lines), goes to these three; a new that may throw throws
// std::bad_alloc (aborts without exceptions) where they return nullptr.
// Used by the zero-allocation test (which counts), the fault-injection
// program (which fails one allocation) and the memory benchmark (which
// counts bytes).

#include <cstddef>
#include <cstdlib>
#include <new>

namespace replaced_new {

void *allocate(std::size_t size) noexcept;
void *allocate_aligned(std::size_t size, std::align_val_t align) noexcept;
void release(void *block) noexcept;

/// Returns a block of malloc's, or nullptr.
inline void *system_allocate(std::size_t size) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}

/// Returns a block aligned to `align` (beyond malloc's 16 bytes), or
/// nullptr; std::free releases it.
inline void *system_allocate_aligned(std::size_t size,
                                     std::align_val_t align) noexcept {
  const auto alignment = static_cast<std::size_t>(align);
  const std::size_t rounded = (size + alignment - 1) / alignment * alignment;
  return std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
}

/// Returns `block`, or fails as a throwing new does when it is nullptr.
inline void *or_out_of_memory(void *block) {
  if (block == nullptr) {
#if defined(__cpp_exceptions)
    throw std::bad_alloc();
#else
    std::abort(); // what a failed allocation does without exceptions
#endif
  }
  return block;
}

} // namespace replaced_new

void *operator new(std::size_t size) {
  return replaced_new::or_out_of_memory(replaced_new::allocate(size));
}
void *operator new[](std::size_t size) {
  return replaced_new::or_out_of_memory(replaced_new::allocate(size));
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept {
  return replaced_new::allocate(size);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept {
  return replaced_new::allocate(size);
}
void *operator new(std::size_t size, std::align_val_t align) {
  return replaced_new::or_out_of_memory(
      replaced_new::allocate_aligned(size, align));
}
void *operator new[](std::size_t size, std::align_val_t align) {
  return replaced_new::or_out_of_memory(
      replaced_new::allocate_aligned(size, align));
}
void operator delete(void *block) noexcept { replaced_new::release(block); }
void operator delete[](void *block) noexcept { replaced_new::release(block); }
void operator delete(void *block, std::size_t) noexcept {
  replaced_new::release(block);
}
void operator delete[](void *block, std::size_t) noexcept {
  replaced_new::release(block);
}
void operator delete(void *block, const std::nothrow_t &) noexcept {
  replaced_new::release(block);
}
void operator delete[](void *block, const std::nothrow_t &) noexcept {
  replaced_new::release(block);
}
void operator delete(void *block, std::align_val_t) noexcept {
  replaced_new::release(block);
}
void operator delete[](void *block, std::align_val_t) noexcept {
  replaced_new::release(block);
}
void operator delete(void *block, std::size_t, std::align_val_t) noexcept {
  replaced_new::release(block);
}
void operator delete[](void *block, std::size_t, std::align_val_t) noexcept {
  replaced_new::release(block);
}
