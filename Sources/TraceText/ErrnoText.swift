/// What each error the tool can show means, in the learner's language. The errno name (`EPIPE`) is
/// kept as it is everywhere: it is what a learner looks up. Its explanation is the system's own text
/// in English (`strerror`, which stays English whatever the locale) and this table's in Spanish.
public enum ErrnoText {
    /// The explanation of the error called `name`, in `language`; `system` is the system's own text,
    /// used in English and for a name this table does not know.
    public static func explanation(of name: String, system: String, _ language: Language) -> String {
        guard language == .es, let spanish = spanish[name] else { return system }
        return spanish
    }

    /// Whether this table explains `name`.
    public static func isKnown(_ name: String) -> Bool { spanish[name] != nil }

    /// The Spanish explanations, one for each name of TraceSockets' table and the resolver's `EAI_*`.
    private static let spanish: [String: String] = [
        "EPERM": "Operación no permitida",
        "ENOENT": "No existe el fichero o el directorio",
        "EINTR": "Llamada al sistema interrumpida",
        "EIO": "Error de entrada/salida",
        "EBADF": "Descriptor de fichero incorrecto",
        "EAGAIN": "Recurso no disponible temporalmente",
        "ENOMEM": "No hay memoria suficiente",
        "EACCES": "Permiso denegado",
        "EFAULT": "Dirección incorrecta",
        "EINVAL": "Argumento no válido",
        "ENFILE": "Demasiados ficheros abiertos en el sistema",
        "EMFILE": "Demasiados ficheros abiertos",
        "EPIPE": "Tubería rota",
        "ENOTSOCK": "El descriptor no es un socket",
        "EDESTADDRREQ": "Falta la dirección de destino",
        "EMSGSIZE": "Mensaje demasiado largo",
        "EPROTOTYPE": "Tipo de protocolo incorrecto para el socket",
        "ENOPROTOOPT": "Protocolo no disponible",
        "EPROTONOSUPPORT": "Protocolo no admitido",
        "EOPNOTSUPP": "Operación no admitida",
        "EAFNOSUPPORT": "Familia de direcciones no admitida por el protocolo",
        "EADDRINUSE": "La dirección ya está en uso",
        "EADDRNOTAVAIL": "No se puede asignar la dirección pedida",
        "ENETDOWN": "La red no funciona",
        "ENETUNREACH": "La red es inaccesible",
        "ECONNABORTED": "El programa abortó la conexión",
        "ECONNRESET": "El otro lado reinició la conexión",
        "ENOBUFS": "No queda espacio en los búferes",
        "EISCONN": "El socket ya está conectado",
        "ENOTCONN": "El socket no está conectado",
        "ETIMEDOUT": "Se agotó el tiempo de espera de la conexión",
        "ECONNREFUSED": "Conexión rechazada",
        "EHOSTDOWN": "El equipo no responde",
        "EHOSTUNREACH": "No hay ruta hasta el equipo",
        "EALREADY": "La operación ya está en curso",
        "EINPROGRESS": "La operación está en curso",
        "ENOSPC": "No queda espacio en el dispositivo",
        "ENOSYS": "Función no implementada",
        "EUSERS": "Demasiados usuarios",
        "ENODEV": "No existe el dispositivo",
        "EISDIR": "Es un directorio",
        "ENOTDIR": "No es un directorio",
        "EROFS": "Sistema de ficheros de solo lectura",
        "EDQUOT": "Se superó la cuota de disco",
        "EFBIG": "Fichero demasiado grande",
        "EEXIST": "El fichero ya existe",
        "ESRCH": "No existe el proceso",
        "ECHILD": "No hay procesos hijos",
        "ENOEXEC": "Formato de ejecutable incorrecto",
        "E2BIG": "La lista de argumentos es demasiado larga",
        "ETXTBSY": "El fichero de texto está ocupado",
        "ELOOP": "Demasiados niveles de enlaces simbólicos",
        "ENAMETOOLONG": "Nombre de fichero demasiado largo",
        "EAI_NONAME": "Nombre o servicio desconocido",
        "EAI_AGAIN": "Fallo temporal al resolver el nombre",
        "EAI_FAIL": "Fallo irrecuperable al resolver el nombre",
        "EAI_FAMILY": "Familia de direcciones no admitida",
        "EAI_SERVICE": "Servicio no disponible para este tipo de socket",
        "EAI_MEMORY": "No hay memoria suficiente",
        "EAI_SYSTEM": "Error del sistema",
        "EAI_NODATA": "El nombre no tiene dirección",
        "EAI_ADDRFAMILY": "El nombre no tiene dirección de esa familia",
    ]
}
