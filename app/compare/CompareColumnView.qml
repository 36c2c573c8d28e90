import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// One column of a comparison: the model, its live timings, tokens and cost,
// its own thread, and its own stop, re-run and "preferred" mark.
Rectangle {
    id: columnView

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    // A CompareColumn.
    required property var column
    required property int index
    property var compare: columnView.workbench ? columnView.workbench.compare : null

    readonly property bool failed: column.status === "failed"

    function seconds(ms) {
        return ms < 0 ? "–" : qsTr("%1 s").arg((ms / 1000).toFixed(2))
    }

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Column %1: %2").arg(index + 1).arg(column.model)
    Accessible.description: column.streaming ? qsTr("answering") : column.status === "failed" ? qsTr("failed: %1").arg(column.error)
                          : column.status.length > 0 ? qsTr("first token %1, total %2, %3").arg(seconds(column.firstTokenMs)).arg(seconds(column.totalMs)).arg(column.costText)
                          : ""

    color: Theme.window
    border.color: column.preferred ? Theme.accent : Theme.border
    border.width: column.preferred ? 2 : 1
    radius: 6
    clip: true

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                objectName: "columnModel"
                Layout.fillWidth: true
                text: columnView.column.model
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideMiddle
            }
            // Shown and hidden by opacity, so the header never needs a new layout mid-stream.
            BusyIndicator {
                opacity: columnView.column.streaming ? 1 : 0
                running: columnView.column.streaming
                implicitWidth: 18
                implicitHeight: 18
            }
            IconButton {
                objectName: "preferButton"
                iconName: "star"
                icon.color: columnView.column.preferred ? Theme.accent : Theme.text
                text: columnView.column.preferred ? qsTr("Preferred answer of %1").arg(columnView.column.model)
                                                  : qsTr("Mark %1 as the preferred answer").arg(columnView.column.model)
                onClicked: columnView.compare.setPreferred(columnView.column.preferred ? -1 : columnView.index)
            }
            IconButton {
                objectName: columnView.column.streaming ? "columnStopButton" : "columnRerunButton"
                enabled: columnView.column.streaming || columnView.column.status.length > 0
                iconName: columnView.column.streaming ? "circle-stop" : "refresh-cw"
                text: columnView.column.streaming ? qsTr("Stop %1").arg(columnView.column.model)
                                                  : qsTr("Re-run %1").arg(columnView.column.model)
                onClicked: columnView.column.streaming ? columnView.compare.stop(columnView.index)
                                                       : columnView.compare.rerun(columnView.index)
            }
        }

        Label {
            visible: columnView.column.answeredBy.length > 0 && columnView.column.answeredBy !== columnView.column.model
            text: qsTr("answered by %1").arg(columnView.column.answeredBy)
            font.pixelSize: 11
            color: Theme.mutedText
        }

        GridLayout {
            objectName: "columnStats"
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 10
            rowSpacing: 1
            Label { text: qsTr("First token"); font.pixelSize: 11; color: Theme.mutedText }
            Label {
                objectName: "firstTokenValue"
                text: columnView.seconds(columnView.column.firstTokenMs)
                font.pixelSize: 11
                color: Theme.text
            }
            Label { text: qsTr("Total"); font.pixelSize: 11; color: Theme.mutedText }
            Label {
                objectName: "totalValue"
                text: columnView.seconds(columnView.column.totalMs)
                font.pixelSize: 11
                color: Theme.text
            }
            Label { text: qsTr("Tokens in / out"); font.pixelSize: 11; color: Theme.mutedText }
            Label {
                text: qsTr("%1 / %2").arg(columnView.column.promptTokens).arg(columnView.column.completionTokens)
                      + (columnView.column.tokensCounted ? " " + qsTr("(counted locally)") : "")
                font.pixelSize: 11
                color: Theme.text
            }
            Label { text: qsTr("Tokens/s"); font.pixelSize: 11; color: Theme.mutedText }
            Label {
                text: columnView.column.tokensPerSecond > 0 ? columnView.column.tokensPerSecond.toFixed(1) : "–"
                font.pixelSize: 11
                color: Theme.text
            }
            Label { text: qsTr("Cost"); font.pixelSize: 11; color: Theme.mutedText }
            Label {
                objectName: "costValue"
                text: columnView.column.costText
                font.pixelSize: 11
                color: Theme.text
            }
        }

        // More than one try (retries, fallbacks, skipped models): list them as the chat does.
        Repeater {
            model: columnView.column.attempts.length > 1 ? columnView.column.attempts : []
            delegate: Label {
                required property var modelData
                required property int index
                Layout.fillWidth: true
                elide: Text.ElideRight
                font.pixelSize: 11
                text: (index + 1) + ". " + modelData.provider + "/" + modelData.model + " · " + modelData.outcome
                      + (modelData.error ? " · " + modelData.error : "")
                      + (modelData.status ? " · " + qsTr("HTTP %1").arg(modelData.status) : "")
                color: modelData.outcome === "ok" ? Theme.okText : modelData.outcome === "skipped" ? Theme.mutedText : Theme.errorText
            }
        }

        Label {
            objectName: "columnError"
            visible: columnView.failed
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            padding: 6
            font.pixelSize: 12
            color: Theme.errorText
            text: columnView.column.error
            background: Rectangle {
                radius: 4
                color: Theme.errorBackground
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: 1
            color: Theme.border
        }

        ListView {
            id: thread
            objectName: "columnThread"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: columnView.column.messages
            ScrollBar.vertical: ScrollBar {}
            property bool pinned: true
            onMovementEnded: pinned = atYEnd
            onCountChanged: if (pinned) Qt.callLater(positionViewAtEnd)
            onContentHeightChanged: if (pinned && columnView.column.streaming) positionViewAtEnd()

            delegate: ColumnLayout {
                id: turn
                required property string role
                required property string text
                required property string html
                required property string tailHtml
                required property var stableBlocks
                required property string status
                required property var attachments
                readonly property bool isUser: role === "user"
                readonly property bool active: status === "pending" || status === "streaming"
                // Text set on a hidden page is still laid out: a stream behind another page fills in when shown.
                readonly property bool shown: columnView.visible
                width: ListView.view.width - 10
                spacing: 2

                Label {
                    visible: turn.isUser
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    padding: 6
                    // Only prompts: an answer's whole text would be laid out again with every token.
                    text: !turn.isUser ? "" : turn.text + (turn.attachments && turn.attachments.length > 0
                                       ? "  " + qsTr("(+%1 attached)").arg(turn.attachments.length) : "")
                    color: Theme.text
                    background: Rectangle {
                        radius: 6
                        color: Theme.userBubble
                    }
                }
                // While streaming each finished block and the growing tail are texts of their own, as in the chat.
                Repeater {
                    model: turn.active && !turn.isUser && turn.shown ? turn.stableBlocks : null
                    delegate: TextEdit {
                        required property string blockHtml
                        Layout.fillWidth: true
                        readOnly: true
                        wrapMode: TextEdit.Wrap
                        textFormat: TextEdit.RichText
                        color: Theme.text
                        text: "<style>" + Theme.markdownStyle + "</style>" + blockHtml
                    }
                }
                TextEdit {
                    visible: !turn.isUser && !turn.active
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    textFormat: TextEdit.RichText
                    color: Theme.text
                    selectionColor: Theme.accent
                    selectedTextColor: Theme.accentText
                    text: visible && turn.shown ? "<style>" + Theme.markdownStyle + "</style>" + turn.html : ""
                }
                TextEdit {
                    visible: !turn.isUser && turn.active
                    Layout.fillWidth: true
                    readOnly: true
                    wrapMode: TextEdit.Wrap
                    textFormat: TextEdit.RichText
                    color: Theme.text
                    text: turn.active && turn.shown ? "<style>" + Theme.markdownStyle + "</style>" + turn.tailHtml : ""
                }
                Label {
                    visible: !turn.isUser && turn.status === "pending"
                    text: qsTr("Waiting for the first token…")
                    font.italic: true
                    color: Theme.mutedText
                }
                Label {
                    visible: !turn.isUser && turn.status === "stopped"
                    text: qsTr("stopped")
                    font.pixelSize: 11
                    color: Theme.mutedText
                }
            }
        }
    }
}
