"""A small .npy reader (format 1.0-3.0, little-endian int/float, C order), so results load
without numpy; with numpy installed, load_npy returns numpy's array."""
import ast
import struct

_TYPES = {"<i8": "q", "<i4": "i", "<f8": "d", "<f4": "f"}


def _read_plain(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError("%s: not a .npy file (no \\x93NUMPY magic)" % path)
    major = data[6]
    hlen_size = 2 if major == 1 else 4
    (hlen,) = struct.unpack("<H" if hlen_size == 2 else "<I", data[8:8 + hlen_size])
    start = 8 + hlen_size + hlen
    header = ast.literal_eval(data[8 + hlen_size:start].decode("latin1"))
    code = _TYPES.get(header["descr"])
    if code is None or header["fortran_order"]:
        raise ValueError("%s: dtype %s%s is not supported without numpy; install numpy"
                         % (path, header["descr"], ", Fortran order" if header["fortran_order"]
                            else ""))
    count = 1
    for n in header["shape"]:
        count *= n
    values = list(struct.unpack("<%d%s" % (count, code), data[start:start + count *
                                                                  struct.calcsize(code)]))
    return _nest(values, list(header["shape"]))


def _nest(values, shape):
    if len(shape) <= 1:
        return values
    step = len(values) // shape[0]
    return [_nest(values[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def load_npy(path):
    """The array in `path`: a numpy array when numpy is importable, else nested lists."""
    try:
        import numpy
    except ImportError:
        return _read_plain(str(path))
    return numpy.load(str(path))
