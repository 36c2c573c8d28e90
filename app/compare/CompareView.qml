import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Muxi.Workbench.Common
import Muxi.Workbench.Chat

// Side by side: 2–6 models get the same prompt at once and answer in
// resizable columns with their own timings, tokens and cost. Comparisons are
// kept in the history, can be reopened and exported as Markdown.
Item {
    id: compareView

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    property var compare: compareView.workbench ? compareView.workbench.compare : null
    property string exportError: ""

    function focusComposer() {
        compareComposer.focusInput()
    }
    function focusModelField() {
        if (compareView.compare.started)
            return
        modelField.forceActiveFocus(Qt.ShortcutFocusReason)
    }
    function attach() {
        compareComposer.openAttachDialog()
    }
    // Ctrl+R: every column that has answered asks again.
    function rerunAll() {
        var columns = compareView.compare.columns
        for (var i = 0; i < columns.length; ++i) {
            if (!columns[i].streaming && columns[i].status.length > 0)
                compareView.compare.rerun(i)
        }
    }
    // What the live region says when a column's answer ends.
    function columnAnnouncement(index) {
        var column = compareView.compare.columns[index]
        if (!column)
            return ""
        return column.status === "failed" ? qsTr("%1 failed: %2").arg(column.model).arg(column.error)
                                          : qsTr("%1 finished").arg(column.model)
    }

    FileDialog {
        id: exportDialog
        title: qsTr("Export comparison as Markdown")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "md"
        nameFilters: [qsTr("Markdown (*.md)")]
        onAccepted: compareView.exportError = compareView.compare.exportMarkdown(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            spacing: 8
            Label {
                objectName: "compareTitle"
                Layout.fillWidth: true
                text: compareView.compare.title.length > 0 ? compareView.compare.title : qsTr("Compare models")
                font.pixelSize: 18
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            ComboBox {
                id: savedBox
                objectName: "savedComparisons"
                Layout.preferredWidth: 240
                model: compareView.compare.saved
                textRole: "title"
                displayText: qsTr("Saved comparisons (%1)").arg(count)
                Accessible.name: displayText
                Accessible.description: qsTr("Opens a comparison kept in the history")
                enabled: count > 0
                onActivated: function(index) {
                    compareView.compare.openComparison(compareView.compare.saved[index].id)
                }
            }
            Button {
                objectName: "newComparisonButton"
                text: qsTr("New comparison")
                icon.source: Theme.icon("plus")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                enabled: compareView.compare.started && !compareView.compare.streaming
                onClicked: compareView.compare.newComparison()
            }
            Button {
                objectName: "exportButton"
                text: qsTr("Export Markdown")
                icon.source: Theme.icon("download")
                icon.color: Theme.text
                Accessible.description: qsTr("Save the timings, tokens, costs and answers as a Markdown file")
                Accessible.onPressAction: clicked()
                enabled: compareView.compare.started
                onClicked: exportDialog.open()
            }
        }

        Label {
            objectName: "exportError"
            visible: compareView.exportError.length > 0
            Accessible.role: Accessible.AlertMessage
            Layout.fillWidth: true
            Layout.leftMargin: 10
            color: Theme.errorText
            text: compareView.exportError
        }

        RowLayout {
            objectName: "columnChooser"
            visible: !compareView.compare.started
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            spacing: 6
            Repeater {
                model: compareView.compare.models
                delegate: Badge {
                    id: chip
                    required property string modelData
                    required property int index
                    objectName: "modelChip"
                    text: modelData
                    font.pixelSize: 12
                    rightPadding: removeChip.width + 4
                    IconButton {
                        id: removeChip
                        objectName: "removeModelButton"
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        width: 20
                        height: 20
                        padding: 2
                        icon.width: 12
                        icon.height: 12
                        iconName: "x"
                        text: qsTr("Remove %1").arg(chip.modelData)
                        onClicked: compareView.compare.removeColumn(chip.index)
                    }
                }
            }
            ComboBox {
                id: modelField
                objectName: "compareModelField"
                Layout.preferredWidth: 280
                editable: true
                model: compareView.workbench?.models
                textRole: "name"
                valueRole: "name"
                enabled: compareView.compare.models.length < compareView.compare.maxColumns
                Accessible.name: qsTr("Model to add")
                Accessible.description: qsTr("A model as provider/model, typed or chosen from the catalogue")
                Component.onCompleted: editText = ""
            }
            Button {
                objectName: "addColumnButton"
                text: qsTr("Add model")
                icon.source: Theme.icon("plus")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                enabled: modelField.enabled && modelField.editText.trim().length > 0
                onClicked: {
                    if (compareView.compare.addColumn(modelField.editText.trim())) {
                        modelField.editText = ""
                        // Ready for the next model; this button is disabled until one is typed.
                        modelField.forceActiveFocus(Qt.TabFocusReason)
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                color: Theme.mutedText
                elide: Text.ElideRight
                text: qsTr("Pick %1 to %2 models, then send one prompt to all of them.")
                      .arg(compareView.compare.minColumns).arg(compareView.compare.maxColumns)
            }
        }

        SplitView {
            id: split
            objectName: "compareColumns"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 10
            orientation: Qt.Horizontal

            Repeater {
                model: compareView.compare.columns
                delegate: CompareColumnView {
                    required property var modelData
                    objectName: "compareColumn"
                    column: modelData
                    workbench: compareView.workbench
                    SplitView.preferredWidth: split.width / Math.max(1, compareView.compare.columns.length)
                    SplitView.minimumWidth: 160
                    SplitView.fillHeight: true
                }
            }
        }

        Composer {
            id: compareComposer
            objectName: "compareComposer"
            Layout.fillWidth: true
            controller: compareView.compare
            attachments: compareView.workbench?.compareAttachments
            workbench: compareView.workbench
            showModelPicker: false
            targetModels: compareView.compare.models
        }
    }
}
