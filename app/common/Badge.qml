import QtQuick
import QtQuick.Controls

// A small rounded capability label ("vision", "tools", "local").
Label {
    id: badge
    leftPadding: 6
    rightPadding: 6
    topPadding: 1
    bottomPadding: 1
    font.pixelSize: 11
    color: Theme.mutedText
    background: Rectangle {
        radius: height / 2
        color: Theme.badge
    }
}
