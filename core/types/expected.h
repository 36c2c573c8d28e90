#pragma once

#include <muxi/error.h>

#include <utility>
#include <variant>

namespace muxi {

/// \brief A value or the Error that prevented it. Qt 6.4 and C++20 have no std::expected.
///
/// Test it before use: `if (!result) report(result.error());`. value() and
/// the dereference operators require hasValue(), and error() requires its
/// absence; the wrong one throws std::bad_variant_access.
/// \tparam T the value's type; it must not be Error.
template<typename T>
class Expected
{
public:
    /// Holds a value.
    Expected(T value)
        : m_state(std::move(value))
    {
    }
    /// Holds an error.
    Expected(Error error)
        : m_state(std::move(error))
    {
    }

    /// True when a value is held.
    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    /// hasValue(), for `if (result)`.
    explicit operator bool() const { return hasValue(); }

    /// The value; requires hasValue().
    const T &value() const & { return std::get<T>(m_state); }
    /// The value; requires hasValue().
    T &value() & { return std::get<T>(m_state); }
    /// The value, moved out; requires hasValue().
    T &&value() && { return std::get<T>(std::move(m_state)); }
    /// The value; requires hasValue().
    const T &operator*() const & { return value(); }
    /// Member access to the value; requires hasValue().
    const T *operator->() const { return &value(); }

    /// The error; requires !hasValue().
    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace muxi
