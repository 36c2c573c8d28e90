.pragma library

// The first visible item named `name` at or below `item`, through visual children.
function findNamed(item, name) {
    if (item.objectName === name && item.visible)
        return item
    for (var i = 0; i < item.children.length; ++i) {
        var found = findNamed(item.children[i], name)
        if (found)
            return found
    }
    return null
}
