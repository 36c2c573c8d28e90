import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Muxi.Workbench.Common

// One attachment: an image as a thumbnail, a recording or audio file with its
// length and a play button. In the composer it can be removed.
Rectangle {
    id: preview

    property string kind: "image"
    property url source
    property string name
    // -1 when the file does not say; the player's own duration is used once it knows.
    property real durationMs: -1
    property bool removable: false
    signal removeRequested()

    readonly property var player: playerLoader.item
    readonly property real shownDurationMs: player && player.duration > 0 ? player.duration : durationMs
    readonly property bool playing: player !== null && player.playbackState === MediaPlayer.PlayingState

    function formatDuration(ms) {
        if (ms < 0)
            return qsTr("length unknown")
        var seconds = Math.round(ms / 1000)
        return qsTr("%1:%2").arg(Math.floor(seconds / 60)).arg(("0" + seconds % 60).slice(-2))
    }

    implicitWidth: kind === "image" ? 88 : 210
    implicitHeight: 64
    radius: 8
    color: Theme.surface
    border.color: Theme.border
    clip: true

    Accessible.role: preview.kind === "image" ? Accessible.Graphic : Accessible.Grouping
    Accessible.name: preview.kind === "image" ? (preview.name.length > 0 ? qsTr("Image %1").arg(preview.name) : qsTr("Image"))
                                              : qsTr("Recording %1, %2").arg(preview.name).arg(preview.formatDuration(preview.shownDurationMs))

    Image {
        objectName: preview.kind === "image" ? "imageThumbnail" : ""
        visible: preview.kind === "image"
        anchors.fill: parent
        anchors.margins: 2
        source: preview.kind === "image" ? preview.source : ""
        sourceSize.width: 176
        sourceSize.height: 128
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
    }

    // The player is made on the first press of Play: a media backend is
    // loaded only when something is played, not for every preview shown.
    Loader {
        id: playerLoader
        active: false
        sourceComponent: MediaPlayer {
            source: preview.source
            audioOutput: AudioOutput {}
        }
        onLoaded: item.play()
    }

    RowLayout {
        visible: preview.kind === "audio"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6
        IconButton {
            objectName: preview.kind === "audio" ? "playButton" : ""
            iconName: preview.playing ? "square" : "volume-2"
            text: preview.playing ? qsTr("Pause %1").arg(preview.name) : qsTr("Play %1").arg(preview.name)
            onClicked: {
                if (!playerLoader.active)
                    playerLoader.active = true
                else if (preview.playing)
                    preview.player.pause()
                else
                    preview.player.play()
            }
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: preview.name
                elide: Text.ElideMiddle
                font.pixelSize: 12
                color: Theme.text
            }
            Label {
                objectName: preview.kind === "audio" ? "audioDuration" : ""
                text: preview.formatDuration(preview.shownDurationMs)
                font.pixelSize: 11
                color: Theme.mutedText
            }
        }
    }

    IconButton {
        objectName: "removeAttachmentButton"
        visible: preview.removable
        anchors.top: parent.top
        anchors.right: parent.right
        width: 22
        height: 22
        padding: 3
        icon.width: 14
        icon.height: 14
        iconName: "x"
        text: qsTr("Remove %1").arg(preview.name)
        onClicked: preview.removeRequested()
        background: Rectangle {
            radius: 11
            color: Theme.badge
            opacity: 0.9
        }
    }
}
